CREATE TABLE "board_members" (
	"board_id" text NOT NULL,
	"member_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"grant" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "board_members_board_id_member_id_pk" PRIMARY KEY("board_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "board_snapshots" (
	"board_id" text PRIMARY KEY NOT NULL,
	"state" "bytea" NOT NULL,
	"through_seq" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_tokens" (
	"board_id" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "board_tokens_board_id_role_pk" PRIMARY KEY("board_id","role")
);
--> statement-breakpoint
CREATE TABLE "board_updates" (
	"board_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"update" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "board_updates_board_id_seq_pk" PRIMARY KEY("board_id","seq")
);
--> statement-breakpoint
CREATE TABLE "boards" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"template" text DEFAULT 'path-to-production' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_private_documents" (
	"board_id" text NOT NULL,
	"member_id" text NOT NULL,
	"state" "bytea" NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_private_documents_board_id_member_id_pk" PRIMARY KEY("board_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "board_members" ADD CONSTRAINT "board_members_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_snapshots" ADD CONSTRAINT "board_snapshots_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_tokens" ADD CONSTRAINT "board_tokens_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_updates" ADD CONSTRAINT "board_updates_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_private_documents" ADD CONSTRAINT "member_private_documents_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;