class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    execute "CREATE INDEX CONCURRENTLY idx ON orders (note)"
    execute <<~SQL
      -- DROP TABLE orders is only a comment here
      DELETE FROM orders
      WHERE note IS NULL;
    SQL
  end
end
