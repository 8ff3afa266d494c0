const path = require('path');

const PUBLIC_DIR = path.join(__dirname, '..', 'public');

exports.send = function (res, name) {
  res.sendFile(path.join(PUBLIC_DIR, path.basename(name)));
};
