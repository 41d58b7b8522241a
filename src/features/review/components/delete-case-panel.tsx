import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { shortId } from '../../../lib/format';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import { Button, Notice, SMALL_BUTTON, Spinner, TextField } from '../../../lib/ui';
import { deleteCase } from '../api';

/** Admin only: delete the case and its media after typing its short id; the audit record stays. */
export function DeleteCasePanel({ caseId }: { caseId: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const expected = shortId(caseId);
  const { t } = useReviewI18n();
  const mutation = useMutation({
    mutationFn: () => deleteCase(caseId),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['cases', 'detail', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
      void navigate('/review', { replace: true });
    },
  });
  return (
    <details className="rounded-2xl bg-white ring-1 ring-rose-200">
      <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-rose-800">{t('delete.summary')}</summary>
      <form
        className="flex flex-col gap-2 border-t border-rose-100 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim() === expected) mutation.mutate();
        }}
      >
        <p className="text-sm">
          {t('delete.body')} {t('delete.typeBefore')} <strong className="font-mono">{expected}</strong> {t('delete.typeAfter')}
        </p>
        <TextField
          label={t('delete.confirmLabel')}
          inputClassName="font-mono"
          value={typed}
          onValue={setTyped}
          autoComplete="off"
        />
        <Button
          type="submit"
          variant="danger"
          className={`self-start ${SMALL_BUTTON}`}
          disabled={typed.trim() !== expected || mutation.isPending}
        >
          {mutation.isPending ? <Spinner className="size-4" /> : null}
          {t('delete.button')}
        </Button>
        {mutation.error ? (
          <Notice tone="error" role="alert">
            {mutation.error.message}
          </Notice>
        ) : null}
      </form>
    </details>
  );
}
