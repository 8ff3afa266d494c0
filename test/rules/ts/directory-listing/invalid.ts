// Listings and served dotfiles.
import express from 'express';
import serveIndex from 'serve-index';
import serveStatic from 'serve-static';

const app = express();

// expect: ts/directory-listing "serveIndex('public', { icons: true })"
app.use('/files', serveIndex('public', { icons: true }));

// expect: ts/directory-listing "serveIndex('uploads')"
app.use('/uploads', express.static('uploads'), serveIndex('uploads'));

// expect: ts/directory-listing "dotfiles: 'allow'"
app.use(express.static('public', { dotfiles: 'allow' }));

// expect: ts/directory-listing "dotfiles: 'allow'"
app.use('/assets', serveStatic('assets', { dotfiles: 'allow', maxAge: '1d' }));

const listing = serveIndex;
// expect: ts/directory-listing "listing('/srv')"
app.use(listing('/srv'));

export { app };
