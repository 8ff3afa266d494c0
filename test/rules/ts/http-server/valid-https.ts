// A file that serves HTTPS (and redirects plain HTTP) is not reported.
import express from 'express';
import fs from 'node:fs';
import https from 'node:https';
import helmet from 'helmet';
import rateLimit from 'express-rate-limit';
import passport from 'passport';

const app = express();
app.use(helmet(), rateLimit(), passport.authenticate('bearer'));
app.get('/notes', (req, res) => res.json([]));

// ok: ts/http-server
https.createServer({ key: fs.readFileSync('key.pem'), cert: fs.readFileSync('cert.pem') }, app).listen(443);

const redirect = express();
redirect.use((req, res) => res.redirect(301, `https://${req.hostname}${req.originalUrl}`));
// ok: ts/http-server
redirect.listen(80);
