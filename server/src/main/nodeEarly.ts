// The language server's first import: its analysis worker starts before the rest of the bundle
// initializes (see host/earlyWorker.ts).
import { startEarlyWorker } from '../host/earlyWorker';

startEarlyWorker();
