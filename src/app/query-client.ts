import { QueryClient } from '@tanstack/react-query';
import { shouldRetryRequest } from '../lib/http';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetryRequest,
        refetchOnWindowFocus: false,
      },
    },
  });
}
