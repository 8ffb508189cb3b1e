ALTER TABLE `orders` DROP COLUMN `status`, ADD COLUMN `legacy_flag` TINYINT(1);
