class ChangeOrders < ActiveRecord::Migration[7.1]
  def up
    change_column :orders, :note, :string, limit: 50
    change_column :orders, :body, :text
    change_column :orders, :qty, :integer
    execute "ALTER TABLE orders ALTER COLUMN code TYPE varchar(10)"
  end

  def down
    change_column :orders, :note, :text
    change_column :orders, :body, :string
    change_column :orders, :qty, :integer, limit: 8
    execute "ALTER TABLE orders ALTER COLUMN code TYPE varchar(255)"
  end
end
