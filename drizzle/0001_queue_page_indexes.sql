DROP INDEX `documents_assignee_status`;--> statement-breakpoint
CREATE INDEX `documents_original_sha256` ON `documents` (`original_sha256`,`message_ref`);--> statement-breakpoint
CREATE INDEX `documents_assignee_status` ON `documents` (`assignee`,`status`,`received_at`,`id`);--> statement-breakpoint
CREATE INDEX `events_document_viewed` ON `events` (`subject_id`,`actor`) WHERE subject_type = 'document' and action = 'document.viewed';