CREATE TABLE folder (id int, image_scale int, note text);
