import type { Response } from 'express';

export async function finishLogin(res: Response, target: string): Promise<void> {
  res.cookie('signed_in', '1', { httpOnly: true, secure: true, sameSite: 'lax' });
  if (!target.startsWith('/') || target.startsWith('//')) {
    res.redirect('/');
    return;
  }
  res.redirect(target);
}
