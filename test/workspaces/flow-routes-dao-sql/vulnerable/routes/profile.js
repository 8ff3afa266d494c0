const express = require('express');
const ProfileDAO = require('../data/profile-dao');

function profileRoutes(db) {
  const router = express.Router();
  const profiles = new ProfileDAO(db);

  router.get('/profile/:id', async (req, res, next) => {
    try {
      const profile = await profiles.findById(req.params.id);
      res.json(profile);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

module.exports = profileRoutes;
