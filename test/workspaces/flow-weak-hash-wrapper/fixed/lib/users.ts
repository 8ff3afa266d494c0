interface User {
  id: number;
  email: string;
  password: string;
}

const rows: User[] = [];

export const users = {
  async create(fields: Omit<User, 'id'>): Promise<User> {
    const user = { id: rows.length + 1, ...fields };
    rows.push(user);
    return user;
  },
};
