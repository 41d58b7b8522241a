CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_started_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "integrity_lease_owner" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "integrity_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "checks" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "checks" ADD COLUMN "lease_until" timestamp with time zone;