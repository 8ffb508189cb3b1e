class ChangeOrders < ActiveRecord::Migration[7.1]
  DROPPED = %i[legacy_a legacy_b]

  def up
    Migration::ColumnDropper.execute_drop(:orders, DROPPED)
    Migration::TableDropper.execute_drop(:legacy_orders)
    DB.exec(<<~SQL)
      DELETE FROM order_events
      WHERE created_at < now() - interval '1 year'
    SQL
    DB.query("SELECT id FROM orders")
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
