// Plain HTTP on port 3000: nginx (nginx.conf) terminates TLS in front of it.
import express from 'express';

const app = express();
app.get('/health', (req, res) => {
  res.send('ok');
});
app.listen(3000);
