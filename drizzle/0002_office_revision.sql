CREATE TABLE `office_revision` (
	`id` integer PRIMARY KEY NOT NULL,
	`revision` integer NOT NULL
);--> statement-breakpoint
INSERT INTO `office_revision` (`id`, `revision`) VALUES (1, 0);--> statement-breakpoint
CREATE TRIGGER `teams_insert_office_revision` AFTER INSERT ON `teams` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `teams_update_office_revision` AFTER UPDATE ON `teams` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `teams_delete_office_revision` AFTER DELETE ON `teams` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `users_insert_office_revision` AFTER INSERT ON `users` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `users_update_office_revision` AFTER UPDATE ON `users` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `users_delete_office_revision` AFTER DELETE ON `users` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `case_register_insert_office_revision` AFTER INSERT ON `case_register` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `case_register_update_office_revision` AFTER UPDATE ON `case_register` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `case_register_delete_office_revision` AFTER DELETE ON `case_register` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `letter_ranges_insert_office_revision` AFTER INSERT ON `letter_ranges` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `letter_ranges_update_office_revision` AFTER UPDATE ON `letter_ranges` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `letter_ranges_delete_office_revision` AFTER DELETE ON `letter_ranges` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `absences_insert_office_revision` AFTER INSERT ON `absences` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `absences_update_office_revision` AFTER UPDATE ON `absences` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `absences_delete_office_revision` AFTER DELETE ON `absences` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `doc_type_rules_insert_office_revision` AFTER INSERT ON `doc_type_rules` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `doc_type_rules_update_office_revision` AFTER UPDATE ON `doc_type_rules` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `doc_type_rules_delete_office_revision` AFTER DELETE ON `doc_type_rules` BEGIN UPDATE `office_revision` SET `revision` = `revision` + 1 WHERE `id` = 1; END;
