import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { takeNext } from './api';

/** "Take next" from anywhere in review: claims the next case (POST /api/cases/take-next) and opens it. */
export function useTakeNext() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: takeNext,
    onSuccess: (caseId) => {
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
      if (caseId) void navigate(`/review/cases/${encodeURIComponent(caseId)}`);
    },
  });
}
