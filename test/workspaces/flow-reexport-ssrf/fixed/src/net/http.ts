import axios from 'axios';

export const download = async (name: string): Promise<number> => {
  const response = await axios.get(`https://files.example.com/public/${encodeURIComponent(name)}`, {
    responseType: 'arraybuffer',
    maxContentLength: 10_000_000,
  });
  return response.data.byteLength;
};
