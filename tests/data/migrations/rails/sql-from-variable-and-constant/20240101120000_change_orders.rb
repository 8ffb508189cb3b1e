class ChangeOrders < ActiveRecord::Migration[7.1]
  DROP_SQL = "ALTER TABLE orders DROP COLUMN note"

  def up
    sql = <<~SQL.squish
      TRUNCATE order_events
    SQL
    execute sql
    execute DROP_SQL
    execute("SELECT 1")
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
