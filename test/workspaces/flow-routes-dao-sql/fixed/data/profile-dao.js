class ProfileDAO {
  constructor(db) {
    this.db = db;
  }

  async findById(id) {
    const result = await this.db.query('SELECT id, name, bio FROM profiles WHERE id = $1', [id]);
    return result.rows[0];
  }
}

module.exports = ProfileDAO;
