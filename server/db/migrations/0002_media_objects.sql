CREATE TABLE "media_objects" (
	"sha256" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "media_objects_claimed_at_idx" ON "media_objects" USING btree ("claimed_at");