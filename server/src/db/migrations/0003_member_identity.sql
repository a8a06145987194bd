CREATE TABLE `board_members` (
	`board_id` text NOT NULL,
	`member_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`grant` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`board_id`, `member_id`),
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `member_private_documents` (
	`board_id` text NOT NULL,
	`member_id` text NOT NULL,
	`state` blob NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`board_id`, `member_id`),
	FOREIGN KEY (`board_id`) REFERENCES `boards`(`id`) ON UPDATE no action ON DELETE cascade
);
