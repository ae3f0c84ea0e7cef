/** The dashboard's own small stylesheet: system fonts (Microsoft YaHei, Noto Sans CJK), calm colours, no web fonts. */
export const COUNTY_CSS = `
:root { --ink: #1d2a33; --muted: #55636d; --line: #d5dde2; --bg: #f6f8f9; --card: #fff; --accent: #1f6f8b; --warn: #9a3b00; --warn-bg: #fff1e6; --ok: #25704a; --ok-bg: #e8f5ee; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", system-ui, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 8px 12px; }
.skip:focus { left: 8px; z-index: 10; }
header.top { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; padding: 10px 24px; background: var(--card); border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; font-size: 18px; margin-right: auto; }
header nav { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; }
header nav ul { display: flex; gap: 4px; list-style: none; margin: 0; padding: 0; }
header nav a, a.lang, button { display: inline-flex; align-items: center; justify-content: center; min-height: 44px; padding: 0 14px; border-radius: 6px; text-decoration: none; }
header nav a:hover, a.lang:hover { background: var(--bg); }
.who { color: var(--muted); font-size: 14px; }
header form { margin: 0; }
button { font: inherit; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.quiet { background: transparent; color: var(--accent); }
a.lang { border: 1px solid var(--line); }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 26px; margin: 4px 0 2px; }
h2 { font-size: 20px; margin: 0 0 4px; }
.sub { color: var(--muted); margin: 0 0 12px; font-size: 14px; }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
.card-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; flex-wrap: wrap; }
.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin: 16px 0; padding: 0; list-style: none; }
.totals li { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.totals .label { display: block; color: var(--muted); font-size: 14px; }
.totals .value { font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; }
.totals .unit { font-size: 15px; color: var(--muted); margin-left: 4px; }
.totals li.alert { border-color: #e8b48f; background: var(--warn-bg); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 15px; }
th, td { text-align: left; overflow-wrap: anywhere; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 14px; background: #fafbfc; }
td.num, th.num { text-align: right; overflow-wrap: normal; font-variant-numeric: tabular-nums; white-space: nowrap; }
td .mono, .mono { font-family: ui-monospace, Consolas, "Noto Sans Mono", monospace; font-size: 13px; color: var(--muted); }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 14px; white-space: nowrap; }
.badge.stale { background: var(--warn-bg); color: var(--warn); border: 1px solid #e8b48f; }
.badge.fresh { background: var(--ok-bg); color: var(--ok); }
.bar { display: inline-block; vertical-align: middle; width: 80px; height: 8px; background: var(--bg); border-radius: 4px; margin-left: 8px; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--accent); }
.csv { display: inline-flex; align-items: center; min-height: 44px; padding: 0 14px; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; white-space: nowrap; }
details summary { cursor: pointer; min-height: 44px; display: flex; align-items: center; color: var(--accent); }
.empty { color: var(--muted); }
.trend svg { width: 100%; height: auto; max-height: 320px; }
.legend { display: flex; gap: 20px; list-style: none; padding: 0; margin: 8px 0 0; font-size: 14px; color: var(--muted); }
.legend i { display: inline-block; width: 18px; height: 4px; vertical-align: middle; margin-right: 6px; border-radius: 2px; }
@media (min-width: 1800px) { main { max-width: 1440px; } }
form.stack { display: grid; gap: 12px; max-width: 420px; }
form.stack label { display: grid; gap: 4px; font-weight: 600; }
input[type=text], input[type=password], input[type=file] { font: inherit; min-height: 44px; padding: 8px 10px; border: 1px solid #9aa8b1; border-radius: 6px; background: #fff; }
.notice { border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
.notice.error { background: var(--warn-bg); color: var(--warn); border: 1px solid #e8b48f; }
.notice.ok { background: var(--ok-bg); color: var(--ok); border: 1px solid #a9d8bd; }
.notice p { margin: 4px 0; }
.signin { max-width: 460px; margin: 48px auto; }
`;
