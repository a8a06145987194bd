CREATE TABLE `board_checkpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`board_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`sticky_count` integer NOT NULL,
	`restored_from` text,
	`undone` integer DEFAULT false NOT NULL,
	`state` blob NOT NULL,
	`restored_state` blob,
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `board_checkpoints_board_created` ON `board_checkpoints` (`board_id`,`created_at`);