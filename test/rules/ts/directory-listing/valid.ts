// Static files without listings or dotfiles.
import express from 'express';
import serveStatic from 'serve-static';

const app = express();

// ok: ts/directory-listing
app.use(express.static('public'));
// ok: ts/directory-listing
app.use(express.static('public', { dotfiles: 'ignore' }));
// ok: ts/directory-listing
app.use(serveStatic('assets', { dotfiles: 'deny' }));
// ok: ts/directory-listing
app.use(express.static('.well-known', { dotfiles: 'allow'.length > 0 ? 'ignore' : 'deny' }));

function serveIndex(dir: string) {
  return dir;
}
// ok: ts/directory-listing
serveIndex('not the serve-index package');

export { app };
