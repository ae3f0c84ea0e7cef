import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Lesson, LocalizedText, Step } from '../../src/shared/pack';
import { buildFixturePack } from './packs';

/**
 * A lesson pack with every step type (slide, the fifteen activities, a demo), in zh-CN and en,
 * with small original SVG pictures, an H.264 clip made by ffmpeg, and SRT and WebVTT subtitles.
 * The lesson player's e2e tests play it by touch and by keyboard.
 */

export const PLAYER_PACK_ID = 'org.kiteclassroom.player-fixture';
export const PLAYER_PACK_VERSION = '1.0.0';
export const ALL_LESSON = 'every-activity';
export const BROKEN_LESSON = 'broken-chat';

const tx = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const img = (src: string, zh: string, en: string) => ({ src, alt: tx(zh, en) });

// Original drawings (viewBox 400×300 with a size, so the pictures scale with a known ratio).
const svg = (body: string, w = 400, h = 300) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w * 2}" height="${h * 2}" viewBox="0 0 ${w} ${h}">${body}</svg>\n`;

export const PLAYER_MEDIA: Record<string, string> = {
  'media/kite.svg': svg(
    '<rect width="400" height="300" fill="#cfe9f5"/><circle cx="340" cy="60" r="30" fill="#ffd166"/><path d="M0 250 q100 -40 200 0 t200 0 v50 h-400 z" fill="#8cc084"/>' +
      '<path d="M200 40 L260 110 L200 190 L140 110 Z" fill="#e4572e"/><path d="M200 40 L260 110 L200 110 Z" fill="#f3a712"/><path d="M200 110 L140 110 L200 190 Z" fill="#29a3a3"/>' +
      '<path d="M200 190 C 185 215, 215 230, 195 260" stroke="#3b3b58" stroke-width="3" fill="none"/>',
  ),
  // A fake "you won a prize" message: the shouting prize line (10–40 %, 10–30 %) and the odd link (50–90 %, 60–80 %).
  'media/fake-message.svg': svg(
    '<rect width="400" height="300" rx="16" fill="#ffffff" stroke="#9aa7b8" stroke-width="4"/><rect x="0" y="0" width="400" height="20" fill="#dfe6ee"/>' +
      '<rect x="40" y="30" width="120" height="60" rx="8" fill="#ffe0e0"/><text x="100" y="68" font-size="22" text-anchor="middle" fill="#c0392b" font-family="sans-serif">WIN!!!</text>' +
      '<rect x="30" y="110" width="200" height="12" rx="6" fill="#d7dde5"/><rect x="30" y="135" width="160" height="12" rx="6" fill="#d7dde5"/>' +
      '<rect x="200" y="180" width="160" height="60" rx="8" fill="#e3eefc"/><text x="280" y="216" font-size="16" text-anchor="middle" fill="#1565c0" text-decoration="underline" font-family="sans-serif">fr3e-g1ft.xyz</text>',
  ),
  // A pretend web page with an address bar and a padlock.
  'media/web-page.svg': svg(
    '<rect width="400" height="300" rx="12" fill="#fdf8ef" stroke="#5a5a73" stroke-width="3"/><rect x="10" y="10" width="380" height="36" rx="8" fill="#e9e2d3"/>' +
      '<rect x="30" y="18" width="16" height="14" rx="2" fill="#1f8a8a"/><path d="M33 18 v-4 a5 5 0 0 1 10 0 v4" stroke="#1f8a8a" stroke-width="2" fill="none"/>' +
      '<rect x="56" y="20" width="200" height="12" rx="6" fill="#ffffff"/><rect x="30" y="80" width="220" height="24" rx="6" fill="#29a3a3"/>' +
      '<rect x="30" y="130" width="340" height="12" rx="6" fill="#d7dde5"/><rect x="30" y="155" width="300" height="12" rx="6" fill="#d7dde5"/><rect x="280" y="210" width="90" height="60" rx="8" fill="#f3a712"/>',
  ),
  'media/fox.svg': svg('<rect width="200" height="200" rx="100" fill="#ffe8cc"/><path d="M50 70 L70 20 L95 60 Z M150 70 L130 20 L105 60 Z" fill="#e4572e"/><circle cx="100" cy="110" r="60" fill="#f08a4b"/><circle cx="78" cy="100" r="7" fill="#2b2b40"/><circle cx="122" cy="100" r="7" fill="#2b2b40"/><circle cx="100" cy="128" r="8" fill="#2b2b40"/>', 200, 200),
  'media/lock.svg': svg('<rect width="200" height="200" rx="24" fill="#dff3f1"/><rect x="55" y="90" width="90" height="75" rx="10" fill="#1f8a8a"/><path d="M72 90 v-22 a28 28 0 0 1 56 0 v22" stroke="#1f8a8a" stroke-width="12" fill="none"/><circle cx="100" cy="125" r="10" fill="#fff"/>', 200, 200),
  'media/subs-zh.srt': '1\n00:00:00,200 --> 00:00:02,800\n{视频|shì pín}里的小风筝在飞。\n',
  'media/subs-en.vtt': 'WEBVTT\n\n00:00.200 --> 00:02.800\nThe little kite flies in the video.\n',
};

/** A 3-second H.264 clip (ffmpeg test pattern) for the interactive video. */
export function makeClip(): Buffer {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-clip-')), 'clip.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=15', '-t', '3', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', out]);
  const bytes = fs.readFileSync(out);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return bytes;
}

export const STEPS = {
  slide: {
    type: 'slide', id: 'welcome', title: tx('你好，{小风筝|xiǎo fēng zheng}', 'Hello, little kite'),
    text: tx('今天我们学习{上网|shàng wǎng}安全。{Wi-Fi|wài fài}也要小心。', 'Today we learn to stay *safe* online.'), image: img('media/kite.svg', '一只风筝在天上飞', 'A kite flying in the sky'),
  },
  singleChoice: {
    type: 'single-choice', id: 'stranger-password', prompt: tx('陌生人问你的密码，你怎么做？', 'A stranger asks for your password. What do you do?'),
    hint: tx('密码只属于你自己。', 'Your password belongs only to you.'), explanation: tx('告诉老师或家长是对的。', 'Telling a teacher or a parent is right.'),
    options: [{ id: 'tell', text: tx('告诉他', 'Tell them') }, { id: 'adult', text: tx('告诉老师或家长', 'Tell a teacher or parent') }, { id: 'ignore', text: tx('和他继续聊天', 'Keep chatting') }],
    answer: 'adult',
  },
  multipleChoice: {
    type: 'multiple-choice', id: 'private-things', prompt: tx('哪些是不能告诉陌生人的？', 'Which things must you not tell strangers?'),
    options: [{ id: 'school', text: tx('学校名字', 'Your school') }, { id: 'colour', text: tx('喜欢的颜色', 'Your favourite colour') }, { id: 'address', text: tx('家庭住址', 'Your home address') }],
    answers: ['school', 'address'], explanation: tx('学校和住址能让陌生人找到你。', 'Your school and address can lead a stranger to you.'),
  },
  trueFalse: {
    type: 'true-false', id: 'free-prize', prompt: tx('网上说你中了大奖，这一定是真的。', 'A message online says you won a prize. It must be true.'),
    image: img('media/fake-message.svg', '一条说你中奖的消息', 'A message saying you won'), answer: false, hint: tx('想一想：谁会白送东西？', 'Think: who gives things away for free?'),
  },
  sortBins: {
    type: 'sort-bins', id: 'safe-or-not', prompt: tx('把这些事情分一分：安全还是不安全？', 'Sort these: safe or not safe?'),
    bins: [{ id: 'safe', label: tx('安全', 'Safe') }, { id: 'unsafe', label: tx('不安全', 'Not safe') }],
    items: [
      { id: 'ask-teacher', text: tx('有问题问老师', 'Ask the teacher when unsure'), bin: 'safe' },
      { id: 'share-photo', text: tx('把照片发给陌生人', 'Send a photo to a stranger'), bin: 'unsafe' },
      { id: 'strong-password', text: tx('用很长的密码', 'Use a long password'), bin: 'safe' },
      { id: 'click-prize', text: tx('点开中奖链接', 'Click a prize link'), bin: 'unsafe', image: img('media/fox.svg', '一只狐狸', 'A fox') },
    ],
  },
  sequence: {
    type: 'sequence', id: 'log-in-order', prompt: tx('按顺序排好：怎样登录？', 'Put in order: how do you log in?'), hint: tx('先打开，再输入。', 'Open first, then type.'),
    explanation: tx('打开、输入、检查，就登录好了。', 'Open, type, check: you are logged in.'),
    items: [{ id: 'open', text: tx('打开网页', 'Open the page') }, { id: 'type', text: tx('输入密码', 'Type the password') }, { id: 'check', text: tx('检查有没有小锁', 'Check for the padlock') }],
  },
  match: {
    type: 'match-pairs', id: 'word-pairs', mode: 'match', prompt: tx('把词语和意思连起来。', 'Match each word with its meaning.'),
    pairs: [
      { id: 'pw', left: { text: tx('密码', 'Password') }, right: { text: tx('只有你知道的口令', 'A secret word only you know') } },
      { id: 'link', left: { text: tx('链接', 'Link') }, right: { text: tx('点了会打开别的网页', 'Opens another page when tapped') } },
      { id: 'lock', left: { image: img('media/lock.svg', '一把小锁', 'A padlock') }, right: { text: tx('这个网页是加密的', 'This page is encrypted') } },
    ],
  },
  memory: {
    type: 'match-pairs', id: 'memory-cards', mode: 'memory', prompt: tx('翻开卡片，找出一对一对的。', 'Turn the cards to find the pairs.'),
    pairs: [
      { id: 'fox', left: { text: tx('狐狸', 'Fox') }, right: { image: img('media/fox.svg', '狐狸的图片', 'A picture of a fox') } },
      { id: 'kite', left: { text: tx('风筝', 'Kite') }, right: { image: img('media/kite.svg', '风筝的图片', 'A picture of a kite') } },
    ],
  },
  findHotspots: {
    type: 'find-hotspots', id: 'spot-the-scam', prompt: tx('找一找：这条消息哪里可疑？', 'Find what is suspicious in this message.'), image: img('media/fake-message.svg', '一条陌生人发来的消息', 'A message from a stranger'),
    hint: tx('看看大字和奇怪的链接。', 'Look at the big letters and the odd link.'),
    hotspots: [
      { id: 'shouting', region: { x: 10, y: 10, w: 30, h: 20 }, label: tx('大喊中奖', 'Shouting about a prize'), explanation: tx('骗子喜欢让你着急。', 'Tricksters want you to hurry.') },
      { id: 'odd-link', region: { x: 50, y: 60, w: 40, h: 20 }, label: tx('奇怪的链接', 'An odd link'), explanation: tx('网址拼写很奇怪。', 'The address is spelled strangely.') },
    ],
  },
  explore: {
    type: 'explore-image', id: 'web-page-parts', prompt: tx('点一点数字，认识网页。', 'Tap the numbers to get to know a web page.'), image: img('media/web-page.svg', '一个网页', 'A web page'),
    hotspots: [
      { id: 'address', region: { x: 10, y: 4, w: 60, h: 10 }, title: tx('地址栏', 'Address bar'), note: tx('这里写着网页的地址。', 'The page address is written here.') },
      { id: 'button', region: { x: 70, y: 70, w: 22, h: 20 }, title: tx('按钮', 'Button'), note: tx('点按钮前先想一想。', 'Think before you tap a button.') },
    ],
  },
  markWords: {
    type: 'mark-words', id: 'secret-words', prompt: tx('点出要保密的东西。', 'Tap the things to keep secret.'), hint: tx('有两个。', 'There are two.'),
    words: {
      'zh-CN': [{ text: '不要' }, { text: '把' }, { text: '{密码|mì mǎ}', target: true }, { text: '和' }, { text: '家庭住址', target: true }, { text: '告诉' }, { text: '陌生人' }, { text: '。' }],
      en: [{ text: 'Never' }, { text: 'tell' }, { text: 'a' }, { text: 'stranger' }, { text: 'your' }, { text: 'password', target: true }, { text: 'or' }, { text: 'address', target: true }, { text: '.' }],
    },
  },
  fillBlanks: {
    type: 'fill-blanks', id: 'fill-rule', prompt: tx('把句子填完整。', 'Complete the sentence.'),
    sentence: tx('密码要[[b1]]，不认识的人是[[b2]]。', 'A password must stay [[b1]], and someone you do not know is a [[b2]].'),
    blanks: [{ id: 'b1', answer: 'secret' }, { id: 'b2', answer: 'stranger' }],
    bank: [{ id: 'secret', text: tx('保密', 'secret') }, { id: 'stranger', text: tx('陌生人', 'stranger') }, { id: 'shared', text: tx('分享', 'shared') }],
  },
  chat: {
    type: 'chat-scenario', id: 'game-chat', prompt: tx('游戏里有人给你发消息。', 'Someone messages you in a game.'), hint: tx('不认识的人问学校，不要回答。', 'Do not answer a stranger who asks about your school.'),
    contact: { name: tx('游戏玩家', 'Game player'), avatar: img('media/fox.svg', '狐狸头像', 'A fox avatar') },
    start: 'hello',
    nodes: {
      hello: {
        messages: [{ from: 'them', text: tx('你好！你在哪个学校上学？发张照片给我吧。', 'Hi! Which school do you go to? Send me a photo.') }],
        choices: [{ text: tx('我在光明小学，照片给你。', 'Sunshine School, here is a photo.'), next: 'told' }, { text: tx('我不告诉陌生人，我去问老师。', 'I do not tell strangers. I will ask my teacher.'), next: 'safe-end' }],
      },
      told: { messages: [{ from: 'them', text: tx('太好了，我去找你。', 'Great, I will come and find you.') }], ending: { safe: false, explanation: tx('陌生人知道了你的学校和样子。', 'A stranger now knows your school and your face.') } },
      'safe-end': { messages: [{ from: 'them', text: tx('好吧……', 'Oh well…') }], ending: { safe: true, explanation: tx('你保护了自己。', 'You kept yourself safe.') } },
    },
  },
  video: {
    type: 'interactive-video', id: 'kite-video', prompt: tx('看视频，回答问题。', 'Watch the video and answer the question.'), video: 'media/clip.mp4',
    subtitles: { 'zh-CN': 'media/subs-zh.srt', en: 'media/subs-en.vtt' },
    cues: [{ at: 1, activity: { type: 'true-false', id: 'video-question', prompt: tx('视频里有风筝吗？', 'Is there a kite in the video?'), answer: true } }],
  },
  password: { type: 'password-tester', id: 'try-passwords', prompt: tx('试一试：怎样的密码更强？', 'Try it: what makes a password strong?'), targetScore: 3 },
  flashcards: {
    type: 'flashcards', id: 'words-cards', prompt: tx('翻开卡片，学习新词。', 'Turn the cards to learn new words.'),
    cards: [
      { id: 'virus', front: { text: tx('病毒', 'Virus') }, back: { text: tx('会弄坏电脑的程序', 'A program that harms a computer') } },
      { id: 'padlock', front: { image: img('media/lock.svg', '小锁', 'A padlock') }, back: { text: tx('网页是加密的', 'The page is encrypted') } },
    ],
  },
  selfCheck: {
    type: 'self-check', id: 'how-do-you-feel', prompt: tx('想一想你自己。', 'Think about yourself.'),
    questions: [
      { id: 'ask', text: tx('遇到问题时，你会问老师吗？', 'Do you ask a teacher when unsure?'), options: [tx('经常', 'Often'), tx('有时', 'Sometimes'), tx('很少', 'Rarely')] },
      { id: 'password', text: tx('你的密码够长吗？', 'Is your password long enough?'), options: [tx('够长', 'Yes'), tx('不知道', 'Not sure')] },
    ],
    reflection: tx('下次上网时，记得保护自己。', 'Next time you go online, remember to keep yourself safe.'),
  },
  demo: { type: 'demo', id: 'packet-demo', demo: 'packet-journey', title: tx('消息怎样旅行', 'How a message travels'), text: tx('打开小实验，看看消息怎样在网上旅行。', 'Open the experiment to see how a message travels online.') },
} satisfies Record<string, Step>;

/** A drone video from the gallery: on a PC without it (or without the gallery) the pupil gets a friendly card. */
export const GALLERY_VIDEO: Step = {
  type: 'interactive-video', id: 'drone-video', prompt: tx('看看我们的村子。', 'Look at our village.'), video: `gallery:${'ab'.repeat(32)}`, cues: [],
};

export const ALL_STEPS: Step[] = Object.values(STEPS);

export function everyActivityLesson(): Lesson {
  return {
    format: 1, id: ALL_LESSON, title: tx('上网安全小能手', 'Staying safe online'), grades: { from: 1, to: 2 }, minutes: 20,
    cover: img('media/kite.svg', '风筝', 'A kite'), steps: ALL_STEPS,
  };
}

/** A short lesson for resume and the broken-step card (its chat is damaged on disk after install). */
export function brokenChatLesson(): Lesson {
  return {
    format: 1, id: BROKEN_LESSON, title: tx('坏掉的一课', 'A damaged lesson'), grades: { from: 3, to: 4 }, minutes: 5,
    steps: [STEPS.slide, STEPS.trueFalse, STEPS.chat, STEPS.singleChoice, GALLERY_VIDEO],
  };
}

/** The built .kpack of the fixture pack, in `dir`. */
export function buildPlayerPack(dir: string): Promise<string> {
  return buildFixturePack(dir, {
    id: PLAYER_PACK_ID,
    version: PLAYER_PACK_VERSION,
    title: tx('播放器测试课程', 'Player test pack'),
    lessons: [everyActivityLesson(), brokenChatLesson()],
    media: { ...PLAYER_MEDIA, 'media/clip.mp4': makeClip() },
  });
}
