CREATE TABLE "case_media" (
	"case_id" text NOT NULL,
	"role" text NOT NULL,
	"sha256" text NOT NULL,
	"mime" text NOT NULL,
	"byte_length" integer NOT NULL,
	"probe" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_media_case_id_role_pk" PRIMARY KEY("case_id","role")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text NOT NULL,
	"retake_reason" text,
	"capture_token_hash" text NOT NULL,
	"telemetry" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checks" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"idempotency_key" text NOT NULL,
	"outcome" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_media" ADD CONSTRAINT "case_media_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checks" ADD CONSTRAINT "checks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_media_sha256_idx" ON "case_media" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "cases_created_at_idx" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "checks_case_idx" ON "checks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "checks_status_idx" ON "checks" USING btree ("status");