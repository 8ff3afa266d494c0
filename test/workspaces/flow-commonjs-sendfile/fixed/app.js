const express = require('express');
const helmet = require('helmet');
const files = require('./lib/files');

const app = express();
app.use(helmet());

app.get('/download', (req, res) => {
  files.send(res, req.query.name);
});

module.exports = app;
