class ChangeOrders < ActiveRecord::Migration[7.1]
  def change
    reversible do |dir|
      change_table :products do |t|
        dir.up   { t.change :price, :string }
        dir.down { t.change :price, :integer }
      end
      if connection.adapter_name == "PostgreSQL"
        dir.up { execute "CREATE EXTENSION IF NOT EXISTS citext" }
        dir.down { execute "DROP EXTENSION IF EXISTS citext" }
      end
    end
    change_table :orders do |t|
      t.remove :legacy, type: :string
    end
  end
end
