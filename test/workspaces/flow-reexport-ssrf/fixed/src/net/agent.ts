export const userAgent = 'downloader/1.2';
