ALTER TABLE "cases" ADD COLUMN "consent_version" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "consent_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "consent_locale" text;