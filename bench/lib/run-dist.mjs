// Runs the compiled bundle (dist/mizan.js) with the given arguments, even when a source file is
// newer than the build (bin/mizan.js would then run the sources through tsx): for benchmarks
// taken while others edit the sources. Build first: `npm run build`.
const { main } = await import('../../dist/mizan.js');
process.exitCode = await main(process.argv.slice(2));
