CREATE TYPE "public"."trial_status" AS ENUM('pending', 'running', 'scored');--> statement-breakpoint
CREATE TABLE "experiment_trials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"experiment_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"row_position" integer,
	"repetition" integer DEFAULT 0 NOT NULL,
	"inputs" jsonb NOT NULL,
	"expected" jsonb,
	"subject" text,
	"status" "trial_status" DEFAULT 'pending' NOT NULL,
	"run_id" uuid,
	"run_status" text,
	"outputs" jsonb,
	"error" text,
	"results" jsonb,
	"latency_ms" integer,
	"tokens_in" integer DEFAULT 0 NOT NULL,
	"tokens_out" integer DEFAULT 0 NOT NULL,
	"cost_usd" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scored_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "experiment_trials" ADD CONSTRAINT "experiment_trials_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "experiment_trials_cell_key" ON "experiment_trials" USING btree ("experiment_id","variant","row_position","repetition");--> statement-breakpoint
CREATE UNIQUE INDEX "experiment_trials_run_id_key" ON "experiment_trials" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "experiment_trials_experiment_id_status_idx" ON "experiment_trials" USING btree ("experiment_id","status");