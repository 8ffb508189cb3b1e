class RebuildItems < ActiveRecord::Migration[7.1]
  def up
    rename_table :items, :items_old
    create_table :items do |t|
      t.string :name
    end
    copy_rows
    drop_table :items_old
  end

  def down
    change_column :items, :name, :string, limit: 255
  end

  private

  def copy_rows
    execute "INSERT INTO items (id, name) SELECT id, name FROM items_old"
  end
end
