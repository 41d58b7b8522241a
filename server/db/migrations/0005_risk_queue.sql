ALTER TABLE "cases" ADD COLUMN "risk" integer GENERATED ALWAYS AS ((
  CASE WHEN coalesce("integrity" @> '{"findings":[{"kind":"suspected_fake"}]}'::jsonb, false) THEN 8 ELSE 0 END
  + CASE WHEN "verdicts" @> ARRAY['fail']::text[] THEN 4 ELSE 0 END
  + CASE WHEN "disagreement" THEN 2 ELSE 0 END
  + CASE WHEN "verdicts" && ARRAY['review','error']::text[]
      OR coalesce("integrity" @> '{"findings":[{"kind":"bad_capture"}]}'::jsonb, false) THEN 1 ELSE 0 END
)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_risk_idx" ON "cases" USING btree ("risk" DESC NULLS LAST,"created_at","id");--> statement-breakpoint
-- The local screening no longer counts towards a vendor disagreement (server/db/case-filters.ts).
UPDATE "cases" c SET "disagreement" = (SELECT count(DISTINCT k."outcome"->>'verdict') FROM "checks" k
  WHERE k."case_id" = c."id" AND k."outcome"->>'kind' = 'result' AND k."provider_id" <> 'local') > 1
WHERE c."disagreement";
