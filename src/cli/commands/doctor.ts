import { runDoctor, saveDoctorReport } from '../../core/system/doctor';
import { DATA_OPTION, dataDirFrom, machineConfig, parse, type Command } from '../command';
import { cliLanguage, say } from '../lang';

/** `kite doctor`: a plain-text health report for IT staff, in their language; exit code 1 when something is broken. */
export const doctor: Command = {
  usage: 'kite doctor [--data DIR] [--out FILE]',
  async run(argv) {
    const { values } = parse(argv, { ...DATA_OPTION, out: { type: 'string' } }, this.usage);
    const report = runDoctor({ dataDir: dataDirFrom(values.data), config: machineConfig(), language: cliLanguage() });
    process.stdout.write(report.text);
    if (values.out) {
      saveDoctorReport(report, values.out);
      process.stdout.write(`\n${say('cli.doctor.saved', { file: values.out })}\n`);
    }
    return report.broken ? 1 : 0;
  },
};
