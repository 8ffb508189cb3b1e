class CreateOrders < ActiveRecord::Migration
  def self.up
    create_table :orders do |t|
      t.column :name, :string
    end
  end

  def self.down
    # nothing to do
  end
end
