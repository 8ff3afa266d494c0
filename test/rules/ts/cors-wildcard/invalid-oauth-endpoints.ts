// Wildcard CORS that also reaches API routes, or carries credentials, next to OAuth endpoints.
import express from 'express';
import cors from 'cors';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import passport from 'passport';

declare function issueToken(req: express.Request, res: express.Response): void;
declare function listNotes(req: express.Request, res: express.Response): void;

const app = express();
app.use(helmet(), rateLimit(), passport.authenticate('bearer', { session: false }));

// expect: ts/cors-wildcard "cors()"
app.use('/api', cors());
// expect: ts/cors-wildcard "cors()"
app.use(['/token', '/api/notes'], cors());
// expect: ts/cors-wildcard "cors()"
app.post('/tokens', cors(), issueToken);
// expect: ts/cors-wildcard "true"
app.post('/token', cors({ origin: true, credentials: true }), issueToken);

// A router mounted on the token endpoint and on the API.
const shared = express.Router();
// expect: ts/cors-wildcard "cors()"
shared.use(cors());
shared.get('/notes', listNotes);
app.use('/token', shared);
app.use('/v1', shared);

app.get('/api/notes', (req, res) => {
  // expect: ts/cors-wildcard "'*'"
  res.setHeader('Access-Control-Allow-Origin', '*');
  listNotes(req, res);
});

export function start(): void {
  app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
}
