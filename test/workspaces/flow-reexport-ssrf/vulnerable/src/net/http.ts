import axios from 'axios';

export const download = async (target: string): Promise<number> => {
  const response = await axios.get(target, { responseType: 'arraybuffer', maxContentLength: 10_000_000 });
  return response.data.byteLength;
};
