class MakeBoundariesUnique < ActiveRecord::Migration[8.0]
  def up
    remove_index :invoice_subscriptions, name: :index_boundaries
    add_index :invoice_subscriptions, [:subscription_id, :from_datetime], unique: true
  end

  def down
    remove_index :invoice_subscriptions, [:subscription_id, :from_datetime]
    add_index :invoice_subscriptions, [:subscription_id, :from_datetime], name: :index_boundaries
  end
end
