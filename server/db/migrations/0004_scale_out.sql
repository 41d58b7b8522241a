CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_started_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "provider_health_snapshots" (
	"process" text NOT NULL,
	"provider" text NOT NULL,
	"health" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "provider_health_snapshots_process_provider_pk" PRIMARY KEY("process","provider")
);
--> statement-breakpoint
CREATE TABLE "vendor_rates" (
	"key" text PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_slots" (
	"vendor" text NOT NULL,
	"slot" integer NOT NULL,
	"owner" text,
	"claim" text,
	"lease_until" timestamp with time zone,
	CONSTRAINT "vendor_slots_vendor_slot_pk" PRIMARY KEY("vendor","slot")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "integrity_lease_owner" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "integrity_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "checks" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "checks" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "media_objects" ADD COLUMN "pins" integer DEFAULT 0 NOT NULL;