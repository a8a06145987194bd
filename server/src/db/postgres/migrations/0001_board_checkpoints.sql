CREATE TABLE "board_checkpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"board_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sticky_count" integer NOT NULL,
	"restored_from" text,
	"undone" boolean DEFAULT false NOT NULL,
	"state" "bytea" NOT NULL,
	"restored_state" "bytea"
);
--> statement-breakpoint
ALTER TABLE "board_checkpoints" ADD CONSTRAINT "board_checkpoints_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_checkpoints_board_created" ON "board_checkpoints" USING btree ("board_id","created_at");