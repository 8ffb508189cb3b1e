ALTER TABLE `orders`
  ADD COLUMN `status` VARCHAR(20) NOT NULL DEFAULT 'new',
  DROP `legacy_flag`,
  DROP INDEX `idx_legacy`,
  DROP FOREIGN KEY `fk_customer`;
