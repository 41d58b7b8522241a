/**
 * The risk score of a case (cases.risk, a generated column): what the risk-first queue sorts on and what
 * take-next hands out first. Weights are powers of two so a stronger signal always outranks any mix of weaker
 * ones: a suspected fake from the local screening (8) outranks a vendor's fail (4), which outranks vendors
 * disagreeing (2), which outranks a review verdict, a vendor error or a bad capture (1). Plain SQL over the row's
 * own columns (`verdicts` and `disagreement` are kept in step with the checks by case-filters.ts), so PostgreSQL
 * recomputes it on every write and it can be indexed.
 */
export const CASE_RISK_SQL = `(
  CASE WHEN coalesce("integrity" @> '{"findings":[{"kind":"suspected_fake"}]}'::jsonb, false) THEN 8 ELSE 0 END
  + CASE WHEN "verdicts" @> ARRAY['fail']::text[] THEN 4 ELSE 0 END
  + CASE WHEN "disagreement" THEN 2 ELSE 0 END
  + CASE WHEN "verdicts" && ARRAY['review','error']::text[]
      OR coalesce("integrity" @> '{"findings":[{"kind":"bad_capture"}]}'::jsonb, false) THEN 1 ELSE 0 END
)`;
