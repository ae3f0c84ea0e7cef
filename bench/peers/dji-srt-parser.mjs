// The telemetry bench's peer: dji_srt_parser 1.2.4 (npm) doing what `kite telemetry FILE` does:
// read a DJI .SRT file, parse it, print the whole track (every block and the summary) as JSON.
import fs from 'node:fs';
import parse from 'dji_srt_parser';

const file = process.argv[2];
const track = parse(fs.readFileSync(file, 'utf8'), file);
process.stdout.write(JSON.stringify(track.metadata(), null, 2) + '\n');
