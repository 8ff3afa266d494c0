// Accounts in MongoDB: the collection is handed in by the app.
function AccountDAO(db) {
  const accountsCol = db.collection('accounts');

  this.findByLogin = async function (login, secret) {
    return accountsCol.findOne({ login, secret });
  };

  this.listByTeam = async function (team) {
    return accountsCol.find({ team: String(team) }).toArray();
  };
}

module.exports = { AccountDAO };
