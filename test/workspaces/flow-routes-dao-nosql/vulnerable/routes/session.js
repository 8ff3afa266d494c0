const express = require('express');
const { AccountDAO } = require('../data/account-dao');

function sessionRoutes(db) {
  const router = express.Router();
  const accounts = new AccountDAO(db);

  router.post('/login', async (req, res) => {
    const { login, secret } = req.body;
    const account = await accounts.findByLogin(login, secret);
    if (!account) return res.status(401).json({ error: 'wrong login' });
    return res.json({ id: account._id });
  });

  router.get('/team', async (req, res) => {
    res.json(await accounts.listByTeam(req.query.team));
  });
  return router;
}

module.exports = sessionRoutes;
