CREATE TABLE `x` (`id` int) ENGINE=InnoDB;
/*!80031 ALTER TABLE `orders` DROP `legacy` */;
/* ALTER TABLE `orders` DROP `other` */
