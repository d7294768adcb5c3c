CREATE TABLE `absences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`substitute` text,
	`note` text,
	FOREIGN KEY (`login`) REFERENCES `users`(`login`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`substitute`) REFERENCES `users`(`login`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`token_hash` text NOT NULL,
	`label` text,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`login`) REFERENCES `users`(`login`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `case_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_ref` text NOT NULL,
	`assignee` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`changed_by` text NOT NULL,
	`reason` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_assignments_case` ON `case_assignments` (`case_ref`);--> statement-breakpoint
CREATE TABLE `case_register` (
	`case_ref` text PRIMARY KEY NOT NULL,
	`customer_no` text,
	`surname` text,
	`assignee` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`assignee`) REFERENCES `users`(`login`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_register_customer_no` ON `case_register` (`customer_no`);--> statement-breakpoint
CREATE INDEX `case_register_assignee` ON `case_register` (`assignee`);--> statement-breakpoint
CREATE TABLE `cover_sheets` (
	`serial` text PRIMARY KEY NOT NULL,
	`key_id` text NOT NULL,
	`case_ref` text,
	`customer_no` text,
	`surname` text,
	`doc_type` text NOT NULL,
	`declared_pages` integer,
	`team_id` text,
	`issued_by` text NOT NULL,
	`issued_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `doc_type_rules` (
	`doc_type` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`message_ref` text NOT NULL,
	`part_key` text NOT NULL,
	`filename` text,
	`page_count` integer NOT NULL,
	`pages` text NOT NULL,
	`blob_key` text NOT NULL,
	`original_blob_key` text NOT NULL,
	`sha256` text NOT NULL,
	`original_sha256` text NOT NULL,
	`case_ref` text,
	`customer_no` text,
	`surname` text,
	`doc_type` text,
	`metadata_source` text NOT NULL,
	`flags` text DEFAULT '[]' NOT NULL,
	`queue` text NOT NULL,
	`assignee` text,
	`team_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`route_rule` text NOT NULL,
	`route_reason` text NOT NULL,
	`route_reason_en` text NOT NULL,
	`route_chain` text DEFAULT '[]' NOT NULL,
	`received_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`done_at` text,
	FOREIGN KEY (`message_ref`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_message_part` ON `documents` (`message_ref`,`part_key`);--> statement-breakpoint
CREATE INDEX `documents_assignee_status` ON `documents` (`assignee`,`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `documents_team_status` ON `documents` (`team_id`,`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `documents_queue_status` ON `documents` (`queue`,`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `documents_case_ref` ON `documents` (`case_ref`);--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`data` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_subject` ON `events` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `letter_ranges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`from_key` text NOT NULL,
	`to_key` text NOT NULL,
	`assignee` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee`) REFERENCES `users`(`login`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`source_key` text NOT NULL,
	`message_id_header` text,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`subject` text,
	`sender` text,
	`received_at` text NOT NULL,
	`received_chain` text,
	`captured_at` text NOT NULL,
	`blob_key` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`processed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_source_key` ON `messages` (`source_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_message_id_sha256` ON `messages` (`message_id_header`,`sha256`) WHERE message_id_header IS NOT NULL;--> statement-breakpoint
CREATE INDEX `messages_status` ON `messages` (`status`);--> statement-breakpoint
CREATE TABLE `notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` text NOT NULL,
	`author` text NOT NULL,
	`text` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`login`) REFERENCES `users`(`login`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`queue_mode` text DEFAULT 'shared' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `terminals` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sender` text NOT NULL,
	`opening_hours` text,
	`last_seen_at` text
);
--> statement-breakpoint
CREATE TABLE `users` (
	`login` text PRIMARY KEY NOT NULL,
	`display_name` text NOT NULL,
	`email` text,
	`role` text NOT NULL,
	`team_id` text,
	`active` integer DEFAULT true NOT NULL,
	`password_hash` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
);
