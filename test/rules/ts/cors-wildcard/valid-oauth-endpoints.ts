// OAuth endpoints that clients call from other origins by design (RFC 8414, RFC 9728, OpenID
// discovery, RFC 7591 registration, the token endpoint, RFC 7009 revocation).
import express from 'express';
import cors from 'cors';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import passport from 'passport';

declare const metadata: Record<string, unknown>;
declare function issueToken(req: express.Request, res: express.Response): void;
declare function registerClient(req: express.Request, res: express.Response): void;

const app = express();
app.use(helmet(), rateLimit(), passport.authenticate('bearer', { session: false }));

// ok: ts/cors-wildcard
app.use('/.well-known/oauth-authorization-server', cors());
// ok: ts/cors-wildcard
app.use('/.well-known/oauth-protected-resource/mcp', cors());
// ok: ts/cors-wildcard
app.get('/.well-known/openid-configuration', cors(), (req, res) => res.json(metadata));
// ok: ts/cors-wildcard
app.post('/token', cors(), issueToken);
// ok: ts/cors-wildcard
app.options('/oauth/revoke', cors());
// ok: ts/cors-wildcard
app.use(['/register', '/revoke'], cors({ origin: '*' }));
// ok: ts/cors-wildcard
app.use(`${process.env.AUTH_BASE ?? ''}/token`, cors());
app.route('/oauth2/token').post(
  // ok: ts/cors-wildcard
  cors(),
  issueToken,
);

// One middleware, mounted on registration only.
// ok: ts/cors-wildcard
const registrationCors = cors();
app.options('/register', registrationCors);
app.post('/register', registrationCors, registerClient);

// The MCP SDK's own shape: a router per endpoint, with cors() on the router.
function tokenRouter() {
  const router = express.Router();
  // ok: ts/cors-wildcard
  router.use(cors());
  router.post('/', issueToken);
  return router;
}
app.use('/oauth/token', tokenRouter());

app.get('/.well-known/oauth-protected-resource', (req, res) => {
  // ok: ts/cors-wildcard
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.json(metadata);
});

export function start(): void {
  app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
}
