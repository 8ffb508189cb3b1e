class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    reversible do |dir|
      dir.up { execute "UPDATE orders SET state = 'new'" }
      dir.down do
        raise ActiveRecord::IrreversibleMigration
      end
    end
  end
end
