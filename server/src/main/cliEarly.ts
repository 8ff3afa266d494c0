// The CLI's first import: a scan's first analysis worker starts before the rest of the bundle
// initializes (see host/earlyWorker.ts); other commands need none.
import { startEarlyWorker } from '../host/earlyWorker';

if (process.argv.slice(2).includes('scan')) startEarlyWorker();
